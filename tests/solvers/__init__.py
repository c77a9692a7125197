"""Tests of gametheory_af.solvers, one module per solver module."""
