"""What every model class shares: strict fields and normalised text."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

from bcpipe.textutil import nfc

__all__ = ["Model", "OptionalText", "Text"]


class Model(BaseModel):
    """Base of every bcpipe model: unknown fields are errors, so a typo never vanishes."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=True)


#: Non-empty text, stripped and in Unicode NFC.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(nfc)]
#: Optional text: None when absent.
OptionalText = Text | None
