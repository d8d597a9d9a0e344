"""The input-process-output chain: values by hand, and contributions that add up to the total."""

import numpy as np
import pytest

from productive_forces.models.value_chain import chain_values, decompose_value, output_value


def test_values_along_the_chain_by_hand():
    # T = 2, E = 1.5, q = 1.2, X = 1, p0 = 1: effective inputs 2, output 3, value 1.2 * 3 = 3.6.
    values = chain_values(2.0, 1.5, 1.2)
    assert [float(v) for v in values] == pytest.approx([2.0, 3.0, 3.6])
    # Basic inputs and the base price scale value in proportion: X = 10, p0 = 2 gives 72.
    assert output_value(2.0, 1.5, 1.2, base_inputs=10.0, base_price=2.0) == pytest.approx(72.0)
    # A quality premium theta = 2 prices quality 1.2 at 1.44: value 2 * 1.5 * 1.44 = 4.32.
    assert output_value(2.0, 1.5, 1.2, quality_premium=2.0) == pytest.approx(4.32)


def test_decomposition_by_hand():
    # 100 * ln 2 = 69.3147, 100 * ln 1.5 = 40.5465, 100 * ln 1.2 = 18.2322; total 100 * ln 3.6 = 128.0934.
    parts = decompose_value(2.0, 1.5, 1.2)
    assert [float(p) for p in parts] == pytest.approx([69.3147, 40.5465, 18.2322, 128.0934], abs=1e-4)
    # With theta = 2 the output stage counts twice: 36.4643; total 100 * ln 4.32 = 146.3255.
    premium = decompose_value(2.0, 1.5, 1.2, quality_premium=2.0)
    assert float(premium.output) == pytest.approx(36.4643, abs=1e-4)
    assert float(premium.total) == pytest.approx(146.3255, abs=1e-4)


def test_a_stage_that_falls_back_subtracts():
    # Technology halved: -69.3147 log points, and the total falls by the same.
    parts = decompose_value(0.5, 1.0, 1.0)
    assert float(parts.input) == pytest.approx(-69.3147, abs=1e-4)
    assert float(parts.process) == 0.0 and float(parts.output) == 0.0
    assert float(parts.total) == pytest.approx(-69.3147, abs=1e-4)


def test_changes_are_measured_from_the_baseline_chain():
    # From (2, 1, 1) to (2, 2, 1): only the process stage moved, by 100 * ln 2.
    parts = decompose_value(2.0, 2.0, 1.0, baseline=(2.0, 1.0, 1.0))
    assert [float(p) for p in parts] == pytest.approx([0.0, 69.3147, 0.0, 69.3147], abs=1e-4)


def test_contributions_sum_to_the_total_log_change_everywhere():
    rng = np.random.default_rng(1)
    technology, efficiency, quality = rng.uniform(0.3, 4.0, size=(3, 500))
    baseline = rng.uniform(0.5, 2.0, size=3)
    theta = 1.7
    parts = decompose_value(technology, efficiency, quality, baseline=baseline, quality_premium=theta)
    assert parts.input + parts.process + parts.output == pytest.approx(parts.total, abs=1e-9)
    # ...and the total is the log change of the value computed directly.
    direct = 100 * np.log(
        output_value(technology, efficiency, quality, quality_premium=theta)
        / output_value(*baseline, quality_premium=theta)
    )
    assert parts.total == pytest.approx(direct, abs=1e-9)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: chain_values(0.0, 1.0, 1.0), "technology must be greater than 0"),
        (lambda: chain_values(1.0, -1.0, 1.0), "efficiency must be greater than 0"),
        (lambda: chain_values(1.0, 1.0, float("inf")), "quality must be a finite number"),
        (lambda: output_value(1.0, 1.0, 1.0, base_inputs=0.0), "base_inputs must be greater than 0"),
        (lambda: decompose_value(1.0, 1.0, 1.0, baseline=(1.0, 1.0)), "baseline must be three numbers"),
        (lambda: decompose_value(1.0, 1.0, 1.0, quality_premium=0.0), "quality_premium must be greater than 0"),
    ],
)
def test_impossible_parameters_are_rejected_by_name(call, message):
    with pytest.raises(ValueError, match=message):
        call()
