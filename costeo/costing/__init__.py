"""Costing methods, one module each; they turn model values into unit-cost figures."""
