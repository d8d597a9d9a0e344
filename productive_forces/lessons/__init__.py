"""What the chapters' code cells print and display: sentences, tables and static figures.

One module per chapter (``ch1`` … ``ch5``) holds pure functions that compute a cell's output
from the tested models and data and return it ready to show: a string to ``print``, an HTML table
to ``display`` (see :mod:`.tables`) or a matplotlib figure. Every sentence, caption, header and
label a reader sees goes through :func:`productive_forces.i18n._`, so a chapter cell such as
``display(ch3.accounting_table(1978, 2019))`` speaks the language chosen with ``use_language``
(the English text is the source and stays exactly what the English book shows). Their messages
are in the ``lessons`` catalogue.
"""


from ..i18n import N_  # noqa: E402,F401  (the chapters mark their messages with it)
