using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Core.Tests.Execution;

public sealed class ProcessLivenessRulesTests
{
    private const ulong Start = 259286;

    private static string Line(char state, ulong start) =>
        $"4242 (mpiexec.hydra) {state} 1 4242 4242 0 -1 4194560 1234 5678 0 0 250 50 3 1 20 0 1 0 {start} 9150464 1290\n";

    [Fact]
    public void Judge_SameProcessRunning_IsAlive() =>
        Assert.Equal(ProcessLiveness.Alive, ProcessLivenessRules.Judge(ProcStatReading.Of(Line('S', Start)), Start));

    [Fact]
    public void Judge_NoSuchProcess_IsGone() =>
        Assert.Equal(ProcessLiveness.Gone, ProcessLivenessRules.Judge(ProcStatReading.NoSuchProcess, Start));

    [Theory]
    [InlineData('Z')]
    [InlineData('X')]
    public void Judge_Zombie_IsGone(char state) =>
        Assert.Equal(ProcessLiveness.Gone, ProcessLivenessRules.Judge(ProcStatReading.Of(Line(state, Start)), Start));

    [Fact]
    public void Judge_AnotherProcessUnderThePid_IsGone() =>
        Assert.Equal(ProcessLiveness.Gone, ProcessLivenessRules.Judge(ProcStatReading.Of(Line('S', Start + 1)), Start));

    [Fact]
    public void Judge_ReadFailed_IsUnknown_NotGone_SoALivingWorldIsNeverTakenForDeadOnAnIoError() =>
        Assert.Equal(ProcessLiveness.Unknown, ProcessLivenessRules.Judge(ProcStatReading.Failed, Start));

    [Theory]
    [InlineData("")]
    [InlineData("4242 (mpiexec.hydra")]
    public void Judge_UnparseableText_IsUnknown(string text) =>
        Assert.Equal(ProcessLiveness.Unknown, ProcessLivenessRules.Judge(ProcStatReading.Of(text), Start));
}
