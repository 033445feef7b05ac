"""Formulation: targets x unit costs over dimension cells, summed to activity, product, program."""
