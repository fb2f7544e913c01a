"""`python -m gesprek_kernel -f CONNECTION_FILE`: what Jupyter starts (see kernel.json);
`python -m gesprek_kernel install [--user|--prefix P]`: install the kernelspec."""

import sys

if len(sys.argv) > 1 and sys.argv[1] == "install":
    from .install import main

    sys.exit(main(sys.argv[2:]))

from ipykernel.kernelapp import IPKernelApp

from .kernel import GesprekKernel

IPKernelApp.launch_instance(kernel_class=GesprekKernel)
