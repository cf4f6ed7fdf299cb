"""Every change the UI (or the command line) makes goes through these functions.

Each public function is one transaction: it validates its input, raises
:class:`~pdsa_desk.core.errors.ValidationError` with a message a user can act
on, and leaves the workspace unchanged when anything fails.
"""

from pdsa_desk.core.services._base import NAME_MAX_LENGTH, TITLE_MAX_LENGTH
from pdsa_desk.core.services.cycle_lifecycle import *  # noqa: F403
from pdsa_desk.core.services.cycle_lifecycle import __all__ as _cycle_lifecycle
from pdsa_desk.core.services.cycles import *  # noqa: F403
from pdsa_desk.core.services.cycles import __all__ as _cycles
from pdsa_desk.core.services.marketing import *  # noqa: F403
from pdsa_desk.core.services.marketing import __all__ as _marketing
from pdsa_desk.core.services.observations import *  # noqa: F403
from pdsa_desk.core.services.observations import __all__ as _observations
from pdsa_desk.core.services.opportunities import *  # noqa: F403
from pdsa_desk.core.services.opportunities import __all__ as _opportunities
from pdsa_desk.core.services.opportunity_edits import *  # noqa: F403
from pdsa_desk.core.services.opportunity_edits import __all__ as _opportunity_edits
from pdsa_desk.core.services.people import *  # noqa: F403
from pdsa_desk.core.services.people import __all__ as _people
from pdsa_desk.core.services.phases import *  # noqa: F403
from pdsa_desk.core.services.phases import __all__ as _phases
from pdsa_desk.core.services.records import *  # noqa: F403
from pdsa_desk.core.services.records import __all__ as _records
from pdsa_desk.core.services.reversals import *  # noqa: F403
from pdsa_desk.core.services.reversals import __all__ as _reversals
from pdsa_desk.core.services.settings import *  # noqa: F403
from pdsa_desk.core.services.settings import __all__ as _settings
from pdsa_desk.core.services.setup import *  # noqa: F403
from pdsa_desk.core.services.setup import __all__ as _setup
from pdsa_desk.core.services.stages import *  # noqa: F403
from pdsa_desk.core.services.stages import __all__ as _stages
from pdsa_desk.core.services.tactics import *  # noqa: F403
from pdsa_desk.core.services.tactics import __all__ as _tactics

__all__ = ["NAME_MAX_LENGTH", "TITLE_MAX_LENGTH", *_people, *_settings, *_setup, *_stages, *_opportunities, *_tactics,
           *_cycles, *_cycle_lifecycle, *_observations,
           *_phases, *_reversals, *_opportunity_edits, *_records, *_marketing]
