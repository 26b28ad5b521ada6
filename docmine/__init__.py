"""docmine: audit Dutch municipal social-domain policy documents.

    >>> import docmine
    >>> result = docmine.audit(["corpus/"])
    >>> result.counts()
    >>> doc = docmine.extract("corpus/verordeningen/verordening-wmo-2020.pdf")

``docmine.audit`` and ``docmine.extract`` are the functions of ``docmine.api``. The structure
subpackage ``docmine.extract`` is imported first, so that importing it (``from docmine.extract
import classify``) never replaces the function ``docmine.extract`` by the package.
"""

from .version import __version__  # noqa: E402
from . import extract as _structure  # noqa: E402,F401 - the subpackage, loaded before the function is bound
from .api import audit, extract  # noqa: E402

__all__ = ["audit", "extract", "__version__"]
