package com.nightshift.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BacklogScalingTest {

    @Test
    void the_backlog_per_task_is_the_visible_messages_shared_by_the_running_tasks() {
        assertThat(BacklogScaling.backlogPerTask(40, 4)).isEqualTo(10.0);
        assertThat(BacklogScaling.backlogPerTask(5, 2)).isEqualTo(2.5);
    }

    @Test
    void with_no_task_running_the_whole_backlog_counts() {
        assertThat(BacklogScaling.backlogPerTask(7, 0)).isEqualTo(7.0);
    }

    @Test
    void the_desired_tasks_bring_the_backlog_per_task_to_the_target_or_below() {
        assertThat(BacklogScaling.desiredTasks(100)).isEqualTo(10);
        assertThat(BacklogScaling.desiredTasks(101)).isEqualTo(11);
        assertThat(BacklogScaling.desiredTasks(10)).isEqualTo(1);
        assertThat(BacklogScaling.desiredTasks(1)).isEqualTo(1);
    }

    @Test
    void an_empty_queue_asks_for_no_task() {
        assertThat(BacklogScaling.desiredTasks(0)).isZero();
    }

    @Test
    void a_negative_count_is_refused() {
        assertThatThrownBy(() -> BacklogScaling.desiredTasks(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BacklogScaling.backlogPerTask(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
