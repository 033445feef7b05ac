"""A big synthetic program (many cells x several classifiers) for the atomic-import tests."""

from __future__ import annotations


def big_program(cells: int, code: str = "B001") -> str:
    """A bottom-up program with ``cells`` districts and five inputs with their own
    classifiers: ``5 x cells`` budget lines."""
    values = "\n".join(f"      d{i:06d}: Distrito {i}" for i in range(cells))
    rows = "\n".join(f"            - [d{i:06d}, {100 + i % 900}]" for i in range(cells))
    inputs = "\n".join(
        f"            - {{id: insumo{k}, name: Insumo {k}, unit: unidad, quantity: {k + 1}, "
        f"price: {k + 1}.25, classifier: \"2.3.1.{k + 1}.1.1\"}}" for k in range(5))
    return f"""# Programa sintético grande para las pruebas de importación atómica.
program:
  code: "{code}"
  name: Programa sintético grande
  entity: Entidad de prueba
  fiscal_year: 2025
  currency: PEN
  country: PE
  source: Generado por tests/store/bigprogram.py
  result:
    statement: Resultado de prueba
    population: Población de prueba
    indicators:
      - code: IND
        name: Indicador de prueba
        unit: personas
        target: {{year: 2025, value: 1000}}

dimensions:
  distrito:
    name: Distrito
    values:
{values}

products:
  - code: "3000001"
    name: Producto de prueba
    unit: persona
    activities:
      - code: "5000001"
        name: Actividad de prueba
        unit: persona
        cost:
          method: bottom_up
          inputs:
{inputs}
        cells:
          source: Metas sintéticas
          dimensions: [distrito]
          columns: [target]
          rows:
{rows}
"""
