"""Weakest-link production: a chain of components that all have to work.

Each component i has a quality q_i in (0, 1]: the chance that it works as it should, or, read as
self-reliance, the chance that its supply holds. Two ways to turn qualities into chain output:

- the O-ring rule (Kremer 1993): Y = q_1 * q_2 * ... * q_n, the chance that every component
  works, so a weakness anywhere scales down the value of all the rest;
- the strict bottleneck rule: Y = min(q_1, ..., q_n), where nothing can make up for the weakest
  component and only raising it raises output.

Qualities may carry leading axes: the last axis lists the components of one chain.
"""

import numpy as np

from ..i18n import _
from ..validation import as_array

RULES = ("product", "min")


def _qualities(qualities):
    q = as_array("qualities", qualities)
    if q.ndim == 0 or q.shape[-1] == 0:
        raise ValueError(_("{name} must list at least one component, got {value!r}").format(name="qualities", value=qualities))
    if np.any((q <= 0) | (q > 1)):
        raise ValueError(
            _("{name} must lie above 0 and at most 1, i.e. in (0, 1], got {value!r}").format(name="qualities", value=qualities)
        )
    return q


def _rule(rule):
    if rule not in RULES:
        raise ValueError(_("{name} must be one of {choices}, got {value!r}").format(name="rule", choices=", ".join(RULES), value=rule))
    return rule


def chain_output(qualities, rule="product"):
    """Output of the chain: the product of the qualities (O-ring) or their minimum (bottleneck)."""
    q = _qualities(qualities)
    return q.prod(axis=-1) if _rule(rule) == "product" else q.min(axis=-1)


def marginal_products(qualities):
    """dY/dq_i for the O-ring rule: Y / q_i, the product of all the other components' qualities."""
    q = _qualities(qualities)
    return q.prod(axis=-1, keepdims=True) / q


def improvement_gains(qualities, step, rule="product"):
    """Rise in chain output when each component alone is raised by `step` (capped at quality 1).

    `step` is one number or one per component (how far one unit of effort moves each component).
    Exact differences, not derivatives: for the product rule the gain is Y * min(step, 1 - q_i) / q_i.
    """
    q = _qualities(qualities)
    step = as_array("step", step)
    if np.any(step <= 0):
        raise ValueError(_("{name} must be greater than 0, got {value!r}").format(name="step", value=step))
    if step.ndim > 1 or step.size not in (1, q.shape[-1]):
        raise ValueError(
            _("{name} must be one number or one per component ({count}), got {size}").format(
                name="step", count=q.shape[-1], size=step.size
            )
        )
    base = chain_output(q, rule)
    n = q.shape[-1]
    raised = np.repeat(q[..., None, :], n, axis=-2)  # row i: component i raised
    index = np.arange(n)
    raised[..., index, index] = np.minimum(q + step, 1.0)
    return chain_output(raised, rule) - base[..., None]


def best_component(qualities, step, rule="product"):
    """Index of the one component whose improvement by `step` raises output most.

    One chain only (a 1-D list of qualities). Gains within 1e-12 of each other count as a tie, won by
    the lowest index; under the min rule with several equally weak components every gain is 0.
    """
    if np.ndim(qualities) != 1:
        raise ValueError(
            _("{name} must be one chain (a flat list), got shape {shape}").format(name="qualities", shape=np.shape(qualities))
        )
    gains = improvement_gains(qualities, step, rule)
    return int(np.flatnonzero(gains >= gains.max() - 1e-12)[0])
