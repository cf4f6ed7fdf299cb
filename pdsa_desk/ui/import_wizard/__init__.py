"""Import from a CRM export: a wizard over :mod:`pdsa_desk.core.importing`.

File → Columns → Stages → Check → Import, one module per page (``file_page`` … ``import_page``), put together
in :mod:`.wizard`; :mod:`.common` holds what the pages share and :mod:`.background` the work on the worker
thread. Everything that reads the whole file (opening it, scanning its stage names, the dry run, the import)
runs on the context's worker pool (:meth:`AppContext.run_task`, see :mod:`.background`), so the window never
freezes on a million rows. The importer's ``progress`` callback runs on the worker: Qt queues it to the GUI
thread. Cancel sets the task's flag, which the importer's ``cancel`` callable reads once per chunk; the importer
then rolls back, so a cancelled import writes nothing.

The rules (which column is what, how dates and stages are read, what is valid, what a preview of the file
shows and says about its dates, what a CRM stage becomes by default) live in the core; the pages only collect
the user's choices into a :class:`~pdsa_desk.core.importing.Mapping` and a
:class:`~pdsa_desk.core.importing.StageMap`.
"""

from pdsa_desk.core.importing.preview import PREVIEW_ROWS, DateFinding, FileInfo, date_finding, read_file_info
from pdsa_desk.ui.import_wizard.check_page import CheckPage
from pdsa_desk.ui.import_wizard.columns_page import FIELDS, ColumnsPage
from pdsa_desk.ui.import_wizard.common import FILE_FILTER, summary_lines
from pdsa_desk.ui.import_wizard.file_page import FilePage
from pdsa_desk.ui.import_wizard.import_page import ImportPage
from pdsa_desk.ui.import_wizard.preview_model import PreviewModel
from pdsa_desk.ui.import_wizard.stages_page import CHOOSE, CREATE, CREATE_WON, IGNORE, StagesPage
from pdsa_desk.ui.import_wizard.wizard import ImportWizard

__all__ = [
    "CHOOSE", "CREATE", "CREATE_WON", "FIELDS", "FILE_FILTER", "IGNORE", "PREVIEW_ROWS", "CheckPage", "ColumnsPage",
    "DateFinding", "FileInfo", "FilePage", "ImportPage", "ImportWizard", "PreviewModel",
    "StagesPage", "date_finding", "read_file_info", "summary_lines",
]
