"""Tests of gametheory_af.sensitivity (thresholds, regions, comparative statics, sweeps, global analyses)."""
