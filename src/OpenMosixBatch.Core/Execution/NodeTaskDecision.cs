namespace OpenMosixBatch.Core.Execution;

/// <summary>The outcome of one event: the task's new state and what the node must do, in order.</summary>
public sealed record NodeTaskDecision(NodeTaskState State, IReadOnlyList<NodeTaskAction> Actions)
{
    /// <summary>The first action of type <typeparamref name="T"/>, or null.</summary>
    public T? Find<T>()
        where T : NodeTaskAction => Actions.OfType<T>().FirstOrDefault();
}
