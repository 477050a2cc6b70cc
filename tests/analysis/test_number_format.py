"""analysis/number_format.py: one way to write numbers everywhere in the kit's outputs."""
import math
import unittest

import number_format as nf


class NumberFormatTest(unittest.TestCase):
    def test_a_half_width_shows_two_significant_digits(self):
        self.assertEqual(nf.estimate(1.0690, 0.0081, "contacts per journey"),
                         "1.0690 ± 0.0081")
        self.assertEqual(nf.estimate(1.069, 0.008, ""), "1.0690 ± 0.0080")
        self.assertEqual(nf.estimate(319.62, 8.81, "contacts"), "319.6 ± 8.8")
        self.assertEqual(nf.estimate(43130.4, 251.0, "contacts"), "43,130 ± 251")
        self.assertEqual(nf.estimate(0.52473, 0.02512, "fraction"), "52.5% ± 2.5")
        self.assertEqual(nf.estimate(39.51, 3.31, "s"), "39.5 s ± 3.3")

    def test_differences_of_shares_are_percentage_points(self):
        self.assertEqual(nf.estimate(0.0083, 0.0079, "fraction", difference=True),
                         "+0.83 pp ± 0.79")
        self.assertEqual(nf.estimate(-0.0841, 0.0070, "fraction", difference=True),
                         "-8.41 pp ± 0.70")
        self.assertEqual(nf.half_width(0.029, "fraction", difference=True), "± 2.9 pp")
        self.assertEqual(nf.axis_label("B − A", "fraction", difference=True), "B − A (pp)")

    def test_no_exponents_and_no_negative_zero(self):
        self.assertEqual(nf.value(431300.0, "contacts"), "431,300")
        self.assertEqual(nf.value(4.313e5), "431,300")
        self.assertEqual(nf.value(1.234e-7), "0")
        self.assertEqual(nf.estimate(-0.00001, 0.5, "s", difference=True), "0.00 s ± 0.50")
        self.assertNotIn("e", nf.estimate(2.5e9, 1.1e8, "contacts"))

    def test_without_a_half_width_the_mean_alone(self):
        self.assertEqual(nf.estimate(0.59934, 0.0, "fraction", n=1), "59.93%")
        self.assertEqual(nf.estimate(26.25, math.nan, "s"), "26.25 s")
        self.assertEqual(nf.estimate(0.0, 0.0, "contacts"), "0.0 ± 0.0")
        self.assertEqual(nf.estimate(math.nan, 1.0, "s"), "–")
        self.assertEqual(nf.value(20.0, "s"), "20 s")
        self.assertEqual(nf.value(0.8, "fraction", decimals=0), "80%")

    def test_durations_and_axis_labels(self):
        self.assertEqual([nf.duration(s) for s in (8 * 3600, 1800, 45, 5400)],
                         ["8 h", "30 min", "45 s", "1.5 h"])
        self.assertEqual(nf.axis_label("service level", "fraction"), "service level (%)")
        self.assertEqual(nf.axis_label("ASA", "s"), "ASA (s)")
        self.assertEqual(nf.axis_label("offered", ""), "offered")


if __name__ == "__main__":
    unittest.main()
