package dev.vellum.client.workspace;

/** Carries a {@link WorkspaceProblem} out of the pure steps of opening a workspace or building a change. */
final class WorkspaceProblemException extends Exception {
    private final transient WorkspaceProblem problem;

    WorkspaceProblemException(WorkspaceProblem problem) {
        super(problem.message());
        this.problem = problem;
    }

    WorkspaceProblem problem() {
        return problem;
    }
}
