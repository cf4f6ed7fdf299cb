from pdsa_desk.app import main

raise SystemExit(main())
