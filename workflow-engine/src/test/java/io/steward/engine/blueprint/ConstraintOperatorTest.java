package io.steward.engine.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConstraintOperatorTest {

    @Test
    void numbers_compare_by_value_whatever_their_java_type() {
        assertThat(new Constraint(ConstraintOperator.EQUAL, 5).isSatisfiedBy(5.0)).isTrue();
        assertThat(new Constraint(ConstraintOperator.VALID_VALUES, List.of(1, 2)).isSatisfiedBy(2L)).isTrue();
        assertThat(new Constraint(ConstraintOperator.LESS_THAN, 10).isSatisfiedBy(9.5)).isTrue();
        assertThat(new Constraint(ConstraintOperator.GREATER_OR_EQUAL, 10).isSatisfiedBy(9)).isFalse();
    }

    @Test
    void a_value_of_the_wrong_kind_does_not_satisfy_a_comparison() {
        assertThat(new Constraint(ConstraintOperator.GREATER_THAN, 1).isSatisfiedBy(List.of(5))).isFalse();
        assertThat(new Constraint(ConstraintOperator.PATTERN, "a+").isSatisfiedBy(5)).isFalse();
    }

    @Test
    void lengths_apply_to_strings_lists_and_dicts() {
        assertThat(new Constraint(ConstraintOperator.LENGTH, 2).isSatisfiedBy("ab")).isTrue();
        assertThat(new Constraint(ConstraintOperator.MIN_LENGTH, 2).isSatisfiedBy(List.of(1))).isFalse();
        assertThat(new Constraint(ConstraintOperator.MAX_LENGTH, 1).isSatisfiedBy(Map.of("a", 1))).isTrue();
        assertThat(new Constraint(ConstraintOperator.MAX_LENGTH, 1).isSatisfiedBy(7)).isFalse();
    }

    @Test
    void pattern_must_match_the_whole_string() {
        Constraint lowercase = new Constraint(ConstraintOperator.PATTERN, "[a-z]+");
        assertThat(lowercase.isSatisfiedBy("abc")).isTrue();
        assertThat(lowercase.isSatisfiedBy("abc1")).isFalse();
    }

    @Test
    void in_range_is_inclusive() {
        Constraint range = new Constraint(ConstraintOperator.IN_RANGE, List.of(1, 3));
        assertThat(range.isSatisfiedBy(1)).isTrue();
        assertThat(range.isSatisfiedBy(3)).isTrue();
        assertThat(range.isSatisfiedBy(4)).isFalse();
    }

    @Test
    void unusable_arguments_are_explained() {
        assertThat(ConstraintOperator.IN_RANGE.argumentProblem(List.of(5, 1))).contains("low bound is above the high bound");
        assertThat(ConstraintOperator.PATTERN.argumentProblem("(")).hasValueSatisfying(
                problem -> assertThat(problem).startsWith("is not a valid regular expression"));
        assertThat(ConstraintOperator.LENGTH.argumentProblem(-1)).contains("expects a non-negative integer");
    }
}
