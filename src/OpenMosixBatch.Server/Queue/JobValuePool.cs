using System.Collections.ObjectModel;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// Gives the jobs the queue holds one instance of each equal value. Every request and every stored record is read
/// into objects of its own, so 100,000 queued jobs held 100,000 copies of the same working directory, queue, user,
/// script and checkpoint policy, and half a million empty lists (about a third of the server's heap, measured).
/// </summary>
/// <remarks>
/// Only the queue's writer uses it (one thread). It holds at most <see cref="CharacterBudget"/> characters of strings;
/// when full it starts afresh, so a long-running server's pool never grows with every unique script it has seen, and
/// values shared before stay shared. A job's name is never pooled: it is almost always unique.
/// </remarks>
internal sealed class JobValuePool
{
    /// <summary>The most characters the pool keeps alive (32 MB of strings).</summary>
    public const int CharacterBudget = 16 << 20;

    /// <summary>Longer strings (a rare huge script) are kept as they are.</summary>
    public const int LongestShared = 64 << 10;

    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = ReadOnlyDictionary<string, string>.Empty;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<CheckpointPolicy, CheckpointPolicy> _checkpoints = [];
    private readonly Dictionary<JobOwner, JobOwner> _owners = [];
    private readonly Dictionary<ResourceRequest, ResourceRequest> _requests = [];

    // A job's one task before it ever started: what nearly every waiting job holds (the list, the task and its array).
    private static readonly IReadOnlyList<JobTask> OneWaitingTask = [new JobTask(0, JobState.Queued)];
    private long _characters;

    /// <summary>Strings currently pooled (for tests).</summary>
    public int StringCount => _strings.Count;

    /// <summary>
    /// <paramref name="job"/> with its specification, owner and a never-started single task shared, unless they are
    /// <paramref name="previous"/>'s already.
    /// </summary>
    public Job Share(Job job, Job? previous = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        var spec = ReferenceEquals(previous?.Spec, job.Spec) ? job.Spec : Share(job.Spec);
        var owner = ReferenceEquals(previous?.Owner, job.Owner) ? job.Owner : Share(job.Owner);
        var tasks = ReferenceEquals(previous?.Tasks, job.Tasks) ? job.Tasks : Share(job.Tasks);
        return ReferenceEquals(spec, job.Spec) && ReferenceEquals(owner, job.Owner) && ReferenceEquals(tasks, job.Tasks)
            ? job : job with { Spec = spec, Owner = owner, Tasks = tasks };
    }

    /// <summary>The one shared list when <paramref name="tasks"/> is a single task that never started, else the tasks as they are.</summary>
    private static IReadOnlyList<JobTask> Share(IReadOnlyList<JobTask> tasks) =>
        tasks.Count == 1 && !ReferenceEquals(tasks, OneWaitingTask) && NeverStarted(tasks[0]) ? OneWaitingTask : tasks;

    private static bool NeverStarted(JobTask task) => task.Index == 0 && task.State == JobState.Queued
        && task.GpuDevices.Count == 0 && task.PartUsage.Count == 0 && task.Checkpoints.Count == 0 && task.BadGenerations.Count == 0
        && task with { GpuDevices = [], PartUsage = [], Checkpoints = [], BadGenerations = [] } == OneWaitingTask[0];

    public JobSpec Share(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec with
        {
            Queue = Share(spec.Queue),
            Script = ShareOrNull(spec.Script),
            Command = Share(spec.Command),
            Arguments = Share(spec.Arguments),
            WorkingDirectory = Share(spec.WorkingDirectory),
            SubmitDirectory = Share(spec.SubmitDirectory),
            Resources = Share(spec.Resources),
            Dependencies = spec.Dependencies.Count == 0 ? [] : spec.Dependencies,
            Environment = Share(spec.Environment),
            Checkpoint = Intern(_checkpoints, spec.Checkpoint),
            Account = ShareOrNull(spec.Account),
            Project = ShareOrNull(spec.Project),
            MailEvents = ShareOrNull(spec.MailEvents),
            MailUsers = Share(spec.MailUsers),
            Shell = ShareOrNull(spec.Shell),
            GroupList = ShareOrNull(spec.GroupList),
            IgnoredOptions = Share(spec.IgnoredOptions),
        };
    }

    /// <summary>
    /// The request with its empty lists shared (the same request when they already are: no copy for nothing), and one
    /// instance of each request whose lists are all empty (most jobs ask one of a few plain shapes).
    /// </summary>
    private ResourceRequest Share(ResourceRequest r)
    {
        var shared = Unshared(r.Ignored) || Unshared(r.Properties) || Unshared(r.ExcludedProperties) || Unshared(r.Hosts) || Unshared(r.MoreChunks)
            ? r with
            {
                Ignored = Empty(r.Ignored), Properties = Empty(r.Properties), ExcludedProperties = Empty(r.ExcludedProperties), Hosts = Empty(r.Hosts),
                MoreChunks = r.MoreChunks.Count == 0 ? [] : r.MoreChunks,
            }
            : r;
        return shared.Ignored.Count + shared.Properties.Count + shared.ExcludedProperties.Count + shared.Hosts.Count + shared.MoreChunks.Count == 0
            ? Intern(_requests, shared) : shared;
    }

    private static bool Unshared<T>(IReadOnlyList<T> values) => values.Count == 0 && !ReferenceEquals(values, Array.Empty<T>());

    private static IReadOnlyList<string> Empty(IReadOnlyList<string> values) => values.Count == 0 ? [] : values;

    public JobOwner Share(JobOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return _owners.TryGetValue(owner, out var shared) ? shared : Intern(_owners, owner with { UserName = Share(owner.UserName) });
    }

    private string[] Share(IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return [];
        }

        var shared = new string[values.Count];
        for (var i = 0; i < shared.Length; i++)
        {
            shared[i] = Share(values[i]);
        }

        return shared;
    }

    private IReadOnlyDictionary<string, string> Share(IReadOnlyDictionary<string, string> environment)
    {
        if (environment.Count == 0)
        {
            return NoEnvironment;
        }

        var shared = new Dictionary<string, string>(environment.Count, StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            shared[Share(name)] = Share(value);
        }

        return shared;
    }

    private string? ShareOrNull(string? value) => value is null ? null : Share(value);

    private string Share(string value)
    {
        if (value.Length > LongestShared)
        {
            return value;
        }

        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }

        if (_characters + value.Length > CharacterBudget)
        {
            Clear();
        }

        _strings[value] = value;
        _characters += value.Length;
        return value;
    }

    private static T Intern<T>(Dictionary<T, T> pool, T value)
        where T : notnull
    {
        if (pool.TryGetValue(value, out var shared))
        {
            return shared;
        }

        if (pool.Count >= CharacterBudget / 64)
        {
            pool.Clear();
        }

        pool[value] = value;
        return value;
    }

    private void Clear()
    {
        _strings.Clear();
        _characters = 0;
    }
}
