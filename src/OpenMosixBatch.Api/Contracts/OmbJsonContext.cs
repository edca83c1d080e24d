using System.Text.Json.Serialization;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>Source-generated JSON for every API type, so the NativeAOT client needs no reflection.</summary>
/// <remarks>Every enum reads only its members' names (<see cref="DefinedEnumConverter{TEnum}"/>): a number is refused.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    WriteIndented = false,
    Converters =
    [
        typeof(DefinedEnumConverter<OpenMosixBatch.Core.Scheduling.MisfirePolicy>),
        typeof(DefinedEnumConverter<OpenMosixBatch.Core.Scheduling.OverlapPolicy>),
        typeof(DefinedEnumConverter<OpenMosixBatch.Core.Scheduling.ScheduleExpressionKind>),
        typeof(DefinedEnumConverter<OpenMosixBatch.Core.Scheduling.OverlapOutcome>),
        typeof(DefinedEnumConverter<OpenMosixBatch.Core.Migration.MigrationReason>),
        typeof(DefinedEnumConverter<OpenMosixBatch.Core.Jobs.DependencyType>),
        typeof(DefinedEnumConverter<OpenMosixBatch.Core.Jobs.CheckpointMode>),
        typeof(DefinedEnumConverter<OpenMosixBatch.Core.Jobs.RestartPlace>),
        typeof(DefinedEnumConverter<OpenMosixBatch.Core.Jobs.JobState>),
        typeof(DefinedEnumConverter<OpenMosixBatch.Core.Jobs.JoinMode>),
        typeof(DefinedEnumConverter<OpenMosixBatch.Core.Cluster.UtilizationMode>),
        typeof(DefinedEnumConverter<OpenMosixBatch.Core.Cluster.NodeState>),
        typeof(DefinedEnumConverter<JobAction>),
        typeof(DefinedEnumConverter<ApiErrorKind>),
        typeof(DefinedEnumConverter<WorldOrderKind>),
        typeof(DefinedEnumConverter<TaskEventKind>),
        typeof(DefinedEnumConverter<NodeAction>),
        typeof(DefinedEnumConverter<MembershipRequestKind>),
        typeof(DefinedEnumConverter<CheckpointCause>),
        typeof(DefinedEnumConverter<OpenMosixBatch.Core.Selection.ComparisonOperator>),
        typeof(DefinedEnumConverter<OpenMosixBatch.Core.Selection.SelectableResource>),
    ])]
[JsonSerializable(typeof(SubmitRequest))]
[JsonSerializable(typeof(SubmitResponse))]
[JsonSerializable(typeof(SubmitBatchRequest))]
[JsonSerializable(typeof(SubmitBatchResponse))]
[JsonSerializable(typeof(JobListResponse))]
[JsonSerializable(typeof(JobActionRequest))]
[JsonSerializable(typeof(JobActionResponse))]
[JsonSerializable(typeof(JobDetailResponse))]
[JsonSerializable(typeof(NodeListResponse))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(BackupResponse))]
[JsonSerializable(typeof(WorldAttachRequest))]
[JsonSerializable(typeof(WorldAttachResponse))]
[JsonSerializable(typeof(WorldOrder))]
[JsonSerializable(typeof(WorldReport))]
[JsonSerializable(typeof(WorldReportResponse))]
[JsonSerializable(typeof(NodeActionRequest))]
[JsonSerializable(typeof(NodeActionResponse))]
[JsonSerializable(typeof(MembershipRequest))]
[JsonSerializable(typeof(MembershipResponse))]
[JsonSerializable(typeof(ScheduleAddRequest))]
[JsonSerializable(typeof(ScheduleImportRequest))]
[JsonSerializable(typeof(ScheduleAddResponse))]
[JsonSerializable(typeof(ScheduleListResponse))]
[JsonSerializable(typeof(ScheduleDetailResponse))]
[JsonSerializable(typeof(ScheduleRunResponse))]
[JsonSerializable(typeof(CheckpointRef))]
[JsonSerializable(typeof(TunablesView))]
[JsonSerializable(typeof(TunablesSetRequest))]
[JsonSerializable(typeof(MigrateRequest))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(EstimateListResponse))]
[JsonSerializable(typeof(QueueListResponse))]
[JsonSerializable(typeof(ServerStatus))]
[JsonSerializable(typeof(TopView))]
[JsonSerializable(typeof(JobSelectRequest))]
[JsonSerializable(typeof(JobSelectResponse))]
[JsonSerializable(typeof(JobSignalRequest))]
[JsonSerializable(typeof(JobAlterRequest))]
[JsonSerializable(typeof(UsageReportResponse))]
[JsonSerializable(typeof(JobEventsResponse))]
[JsonSerializable(typeof(RemotePartRequest))]
[JsonSerializable(typeof(RemotePartStarted))]
[JsonSerializable(typeof(RemotePartProgress))]
[JsonSerializable(typeof(RemotePartInput))]
public sealed partial class OmbJsonContext : JsonSerializerContext;
