package com.nightshift.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;

/**
 * The outputs of a stack, each exported as {@code <stack name>:<output id>} so a neighbouring stack can
 * {@code Fn::ImportValue} it. The logical id of an output is exactly its id: the stack harness, the
 * end-to-end suite and operators read outputs by these names.
 */
public final class Outputs {

    private final Stack stack;

    private Outputs(Stack stack) {
        this.stack = stack;
    }

    public static Outputs of(Stack stack) {
        return new Outputs(stack);
    }

    /** Adds output {@code id} with {@code value}, exported as {@code <stack name>:<id>}. */
    public Outputs add(String id, String value) {
        CfnOutput.Builder.create(stack, id)
                .value(value)
                .exportName(exportName(stack.getStackName(), id))
                .build()
                .overrideLogicalId(id);
        return this;
    }

    /** The export name of output {@code id} of stack {@code stackName}. */
    public static String exportName(String stackName, String id) {
        return stackName + ":" + id;
    }
}
