"""What every model class shares: strict fields and normalised text."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

from bcpipe.textutil import nfc

__all__ = ["EDITS", "EditCount", "Model", "OptionalText", "Text"]


class EditCount:
    """How many times a field of a model has been assigned in this process.

    A pipeline notes the count when it prepares a document: while it has not moved,
    no field of that document (at any depth) has been assigned (see
    :mod:`bcpipe.prepared`). One count for all models: an assignment anywhere makes
    a pipeline prepare again, which is never wrong, only a little slower.
    """

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0


EDITS = EditCount()


class Model(BaseModel):
    """Base of every bcpipe model: unknown fields are errors, so a typo never vanishes."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=True)

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        if not name.startswith("_"):  # private attributes are bookkeeping, not content
            EDITS.count += 1


#: Non-empty text, stripped and in Unicode NFC.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(nfc)]
#: Optional text: None when absent.
OptionalText = Text | None
