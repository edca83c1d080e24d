using System.Text.Json.Serialization;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>Source-generated JSON for every API type, so the NativeAOT client needs no reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    WriteIndented = false)]
[JsonSerializable(typeof(SubmitRequest))]
[JsonSerializable(typeof(SubmitResponse))]
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
public sealed partial class OmbJsonContext : JsonSerializerContext;
