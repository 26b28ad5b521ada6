"""docmine: audit Dutch municipal social-domain policy documents.

    >>> import docmine
    >>> result = docmine.audit(["corpus/"])
    >>> result.counts()
"""

__version__ = "0.1.0"


def audit(*args, **kwargs):
    from .api import audit as _audit

    return _audit(*args, **kwargs)


def extract(*args, **kwargs):
    from .api import extract as _extract

    return _extract(*args, **kwargs)
