"""`python -m pdsa_desk`: the same as the `pdsa-desk` command."""

from pdsa_desk.app import main

raise SystemExit(main())
