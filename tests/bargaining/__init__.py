"""Tests of gametheory_af.bargaining (bargaining models, coalitions, war)."""
