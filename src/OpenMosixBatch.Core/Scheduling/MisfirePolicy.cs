namespace OpenMosixBatch.Core.Scheduling;

/// <summary>What a schedule does about fire times that passed while the server was down.</summary>
public enum MisfirePolicy
{
    /// <summary>Fire once as soon as the server is back, however many fire times were missed (the default).</summary>
    Once,

    /// <summary>Fire nothing for the missed times; wait for the next fire time.</summary>
    Skip,
}
