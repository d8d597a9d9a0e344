"""Chapter 4's exercise, run in a kernel as a student would: blank, wrong and right-another-way answers."""

from tests.notebooks import execute, read, replace_sources

EXERCISE = "exercises/ch4_revolutions.ipynb"
SOLUTION = "solutions/ch4_revolutions.ipynb"
CHECKS = ["q4-1a-check", "q4-1b-check", "q4-2-check", "q4-3-check", "q4-4-check"]


def test_wrong_answers_fail_their_checks():
    wrong = replace_sources(read(EXERCISE), {
        # Comparing only the benchmark years 1870 and 1913 misses the 1880 observation.
        "q4-1a-answer": "first_year = 1913",
        # The first crossing is not a lasting one: Britain is ahead again in 1890.
        "q4-1b-answer": "lasting_year = 1880",
        # Log growth instead of compound growth: close, but not the rate asked for.
        "q4-2-answer": "def growth_rate(code, start, end):\n"
                       "    years, values = load_maddison(code)\n"
                       "    return np.log(values[years == end][0] / values[years == start][0]) / (end - start)",
        # Forgot the log: treats the odds as if they were already log-odds.
        "q4-3-answer": "def adoption_year(share, midpoint, speed):\n"
                       "    return midpoint + (share / (1 - share)) / speed",
        # Straight-line interpolation between 20% (1915) and 60% (1925) gives 1922.5.
        "q4-4-answer": "half_year = 1915 + (0.5 - 0.2) / (0.6 - 0.2) * 10",
    })
    outputs = execute(wrong)
    for cell_id in CHECKS:
        assert "not yet right" in outputs[cell_id], outputs[cell_id]


def test_answer_fitted_to_the_visible_cases_fails_the_hidden_checks():
    fitted = replace_sources(read(SOLUTION), {
        # Right for Britain 1820-1870 only: looks the years up by position in the array.
        "q4-2-answer": "def growth_rate(code, start, end):\n"
                       "    years, values = load_maddison(code)\n"
                       "    first, last = values[12], values[17]  # GBR's 1820 and 1870 rows\n"
                       "    return (last / first) ** (1 / (end - start)) - 1",
        # Right above one half only: the sign of the log is lost.
        "q4-3-answer": "def adoption_year(share, midpoint, speed):\n"
                       "    return midpoint + abs(np.log(share / (1 - share))) / speed",
    })
    outputs = execute(fitted)
    assert outputs["q4-2-check"] == "Q4.2 correct — 2/2 points\n"
    assert "Q4.2-hidden not yet right — 0/1 points" in outputs["q4-2-hidden-check"]
    assert outputs["q4-3-check"] == "Q4.3 correct — 1/1 points\n"
    assert "Q4.3-hidden not yet right — 0/1 points" in outputs["q4-3-hidden-check"]


def test_right_answers_computed_another_way_pass():
    other_way = replace_sources(read(EXERCISE), {
        # Plain dictionaries and a loop instead of numpy set operations.
        "q4-1a-answer": 'usa = dict(zip(*load_maddison("USA")))\ngbr = dict(zip(*load_maddison("GBR")))\n'
                        "both = sorted(set(usa) & set(gbr))\n"
                        "first_year = next(year for year in both if usa[year] > gbr[year])",
        "q4-1b-answer": "lasting_year = next(year for i, year in enumerate(both)\n"
                        "                    if all(usa[later] > gbr[later] for later in both[i:]))",
        # exp(mean log growth) - 1 is the same compound rate.
        "q4-2-answer": "def growth_rate(code, start, end):\n"
                       "    table = dict(zip(*load_maddison(code)))\n"
                       "    return float(np.exp(np.log(table[end] / table[start]) / (end - start)) - 1)",
        # Bisection on the logistic curve instead of the closed form.
        "q4-3-answer": "def adoption_year(share, midpoint, speed):\n"
                       "    low, high = midpoint - 1000, midpoint + 1000\n"
                       "    for _ in range(100):\n"
                       "        middle = (low + high) / 2\n"
                       "        if 1 / (1 + np.exp(-speed * (middle - midpoint))) < share:\n"
                       "            low = middle\n"
                       "        else:\n"
                       "            high = middle\n"
                       "    return (low + high) / 2",
        # A straight-line fit of the log-odds with numpy.
        "q4-4-answer": "shares = np.array([0.2, 0.6])\n"
                       "slope, intercept = np.polyfit([1915, 1925], np.log(shares / (1 - shares)), 1)\n"
                       "half_year = -intercept / slope",
    })
    outputs = execute(other_way)
    for cell_id in CHECKS:
        assert " correct — " in outputs[cell_id], outputs[cell_id]
