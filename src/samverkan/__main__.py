import sys

from samverkan.tools.cli import main

sys.exit(main())
