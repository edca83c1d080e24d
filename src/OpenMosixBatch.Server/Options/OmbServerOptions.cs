namespace OpenMosixBatch.Server.Options;

/// <summary>The queue server's settings: section "Omb" of conf/omb.json, OMB__* variables, and command-line switches.</summary>
public sealed class OmbServerOptions
{
    public const string SectionName = "Omb";
    public const string DefaultHome = "~/.omb";
    public const string DefaultMemoryPerChunkText = "256mb";
    public const string DefaultClusterFile = "cluster.json";
    public const string DefaultQueue = "batch";

    /// <summary>Directory of the socket and the database; OMB_HOME overrides it.</summary>
    public string Home { get; set; } = DefaultHome;

    /// <summary>Uids that see and change every job (root by default).</summary>
    public List<uint> AdministratorUids { get; set; } = [0];

    /// <summary>Unix groups whose members are administrators.</summary>
    public List<string> AdministratorGroups { get; set; } = [];

    /// <summary>Memory charged to a chunk that asks for none (PBS's queue default mem).</summary>
    public string DefaultMemoryPerChunk { get; set; } = DefaultMemoryPerChunkText;

    /// <summary>The node table used until an execution world reports its nodes; relative to omb.json.</summary>
    public string ClusterFile { get; set; } = DefaultClusterFile;

    public AdmissionOptions Admission { get; set; } = new();

    public World.WorldOptions World { get; set; } = new();

    public MigrationOptions Migration { get; set; } = new();

    public BackupOptions Backup { get; set; } = new();

    public LimitsOptions Limits { get; set; } = new();

    public HealthOptions Health { get; set; } = new();

    public BlackHoleOptions BlackHole { get; set; } = new();

    public SecurityOptions Security { get; set; } = new();

    public TcpOptions Tcp { get; set; } = new();

    public MetricsOptions Metrics { get; set; } = new();

    public WebOptions Web { get; set; } = new();

    public SubmissionOptions Submission { get; set; } = new();

    public MailOptions Mail { get; set; } = new();

    public AccountingOptions Accounting { get; set; } = new();

    public MemoryOptions Memory { get; set; } = new();

    /// <summary>
    /// The limits a submission is checked against, with the site's accepted resources and options and the admission
    /// thresholds (a job that alone exceeds them would never start); call on validated options only.
    /// </summary>
    public Core.Jobs.SubmissionLimits ToSubmissionLimits() =>
        Submission.AddTo(Limits.ToSubmissionLimits()) with { Admission = AdmissionSettingsFactory.Create(Admission) };
}
