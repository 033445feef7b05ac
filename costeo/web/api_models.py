"""Pydantic models of the JSON API. Amounts are exact decimal strings ("1176161643.00")."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    code: str
    message: str
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorOut(BaseModel):
    """The one error shape of every endpoint."""

    error: ErrorBody


class UserOut(BaseModel):
    id: int
    username: str
    display_name: str
    role: str
    lang: str


class SessionOut(BaseModel):
    user: UserOut | None
    csrf_token: str


class LoginIn(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


class VersionSummary(BaseModel):
    id: int
    number: int
    state: str
    lock: int
    total: str


class FormulationOut(BaseModel):
    fiscal_year: int
    versions: list[VersionSummary]


class ProgramOut(BaseModel):
    id: int
    code: str
    name: str
    entity: str
    formulations: list[FormulationOut]


class ImportIn(BaseModel):
    text: str = Field(min_length=1, description="The program's YAML text")
    file_name: str = Field(default="program.yaml", min_length=1, max_length=255)
    entity: str = Field(min_length=1, max_length=32, description="Entity code")


class DiagnosticOut(BaseModel):
    code: str
    severity: str
    message: str
    hint: str = ""
    location: str | None = None


class VersionOut(BaseModel):
    id: int
    program_id: int
    program_code: str
    program_name: str
    entity: str
    fiscal_year: int
    number: int
    state: str
    lock: int
    total: str
    currency: str
    editable: bool
    actions: list[str]
    parent_id: int | None
    created_at: datetime
    updated_at: datetime
    diagnostics: list[DiagnosticOut]


class TreeNodeOut(BaseModel):
    level: str
    code: str
    name: str
    amount: str | None
    figure: str | None
    unit: str
    target: str | None
    unit_cost: str | None
    unit_cost_figure: str | None
    detail: str
    children: list[TreeNodeOut]


class TableRowOut(BaseModel):
    level: str
    figure: str | None
    cells: list[Any]


class TableOut(BaseModel):
    by: str
    heads: list[str]
    rows: list[TableRowOut]
    total: str


class GridRowOut(BaseModel):
    """One editable value: ``path`` is what ``PATCH /api/versions/{id}`` accepts."""

    path: str
    field: str
    field_label: str = Field(description="the field's name in the reader's language")
    value: str
    context: dict[str, str]


class ChangeIn(BaseModel):
    path: str = Field(min_length=1, max_length=500)
    value: str | None = Field(max_length=200)


class EditIn(BaseModel):
    lock: int = Field(ge=0, le=2**31 - 1)
    changes: list[ChangeIn] = Field(min_length=1, max_length=500)


class ChangedFigure(BaseModel):
    figure: str = Field(description="the figure's id, as GET /api/versions/{id}/lineage takes it")
    label: str = Field(description="what the figure is, in the reader's language")
    before: str
    after: str
    before_text: str
    after_text: str


class EditOut(BaseModel):
    version: VersionOut
    total: str
    total_text: str
    before_total: str
    changed: list[ChangedFigure]


class TransitionIn(BaseModel):
    action: str = Field(description="submit, return, approve or publish")
    lock: int = Field(ge=0, le=2**31 - 1)
    comment: str = Field(default="", max_length=5000)


class CommentIn(BaseModel):
    text: str = Field(min_length=1, max_length=5000)
    figure: str | None = Field(default=None, max_length=500)


class CommentOut(BaseModel):
    id: int
    user: str
    figure: str | None
    text: str
    at: datetime


class FigureOut(BaseModel):
    id: str | None
    label: str
    role: str
    value: str
    unit: str
    kind: str
    formula: str | None = None
    location: str | None = None
    source: str | None = None
    declared: bool = False
    inputs: list[FigureOut] = Field(default_factory=list)


class ValueChangeOut(BaseModel):
    path: str
    before: str | None
    after: str | None


class ProductDeltaOut(BaseModel):
    code: str
    name: str
    before: str
    after: str
    difference: str


class ComparisonOut(BaseModel):
    old: int
    new: int
    total_before: str
    total_after: str
    difference: str
    changes: list[ValueChangeOut]
    products: list[ProductDeltaOut]


class AuditOut(BaseModel):
    id: int
    at: datetime
    username: str
    action: str
    object_type: str
    object_id: int
    before: Any = None
    after: Any = None


class TreemapNode(BaseModel):
    name: str
    value: str
    text: str
    children: list[TreemapNode] = Field(default_factory=list)


class PublicOut(BaseModel):
    version: VersionOut
    products: list[TreemapNode]
    table: TableOut
