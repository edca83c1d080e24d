using System.Text.Json.Serialization;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>
/// The JSON of a submission alone (the request, its answer, and the error any answer may carry), with the contract types
/// and options of <see cref="OmbJsonContext"/>: qsub's small image compiles in the metadata of these types instead of
/// every API type's. <c>SubmissionJsonContextTests</c> checks that both contexts write and read the same bytes.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    WriteIndented = false,
    Converters =
    [
        typeof(DefinedEnumConverter<OpenMosixBatch.Core.Jobs.DependencyType>),
        typeof(DefinedEnumConverter<OpenMosixBatch.Core.Jobs.CheckpointMode>),
        typeof(DefinedEnumConverter<OpenMosixBatch.Core.Jobs.JoinMode>),
        typeof(DefinedEnumConverter<ApiErrorKind>),
    ])]
[JsonSerializable(typeof(SubmitRequest))]
[JsonSerializable(typeof(SubmitResponse))]
[JsonSerializable(typeof(ApiError))]
public sealed partial class SubmissionJsonContext : JsonSerializerContext;
