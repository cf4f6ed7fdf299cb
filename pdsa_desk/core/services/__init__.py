"""Every change the UI (or the command line) makes goes through these functions.

Each public function is one transaction: it validates its input, raises
:class:`~pdsa_desk.core.errors.ValidationError` with a message a user can act
on, and leaves the workspace unchanged when anything fails.
"""

from pdsa_desk.core.services._base import NAME_MAX_LENGTH, TITLE_MAX_LENGTH
from pdsa_desk.core.services.cycles import *  # noqa: F403
from pdsa_desk.core.services.cycles import __all__ as _cycles
from pdsa_desk.core.services.marketing import *  # noqa: F403
from pdsa_desk.core.services.marketing import __all__ as _marketing
from pdsa_desk.core.services.opportunities import *  # noqa: F403
from pdsa_desk.core.services.opportunities import __all__ as _opportunities
from pdsa_desk.core.services.people import *  # noqa: F403
from pdsa_desk.core.services.people import __all__ as _people
from pdsa_desk.core.services.phases import *  # noqa: F403
from pdsa_desk.core.services.phases import __all__ as _phases
from pdsa_desk.core.services.reversals import *  # noqa: F403
from pdsa_desk.core.services.reversals import __all__ as _reversals
from pdsa_desk.core.services.stages import *  # noqa: F403
from pdsa_desk.core.services.stages import __all__ as _stages

__all__ = ["NAME_MAX_LENGTH", "TITLE_MAX_LENGTH", *_people, *_stages, *_opportunities, *_cycles, *_phases, *_reversals,
           *_marketing]
