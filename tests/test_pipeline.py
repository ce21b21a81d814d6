import pytest

from kroniek.pipeline import STAGES, StageSpec, check_chain


def test_builtin_stage_chain_is_complete():
    check_chain(STAGES)


def test_a_stage_that_runs_before_its_inputs_is_refused():
    with pytest.raises(ValueError, match="E020"):
        check_chain([StageSpec("resolve", ("stored",), ("entities",)), *STAGES])
