using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Execution;

public sealed class OutputPathsTests
{
    [Fact]
    public void For_NoPathsGiven_UsesPbsDefaultsInSubmitDirectory()
    {
        var (o, e) = OutputPaths.For(ExecutionJobs.Make(42, ExecutionJobs.Spec()), 0);

        Assert.Equal("/home/alice/run/hello.o42", o);
        Assert.Equal("/home/alice/run/hello.e42", e);
    }

    [Fact]
    public void For_ArrayElement_AddsTheIndexSoElementsDoNotClobberEachOther()
    {
        var spec = ExecutionJobs.Spec() with { Array = new ArraySpec([1, 2, 3]) };

        var (o, e) = OutputPaths.For(ExecutionJobs.Make(7, spec), 2);

        Assert.Equal("/home/alice/run/hello.o7-2", o);
        Assert.Equal("/home/alice/run/hello.e7-2", e);
    }

    [Theory]
    [InlineData(JoinMode.OutputAndError, "/home/alice/run/hello.o42", "/home/alice/run/hello.o42")]
    [InlineData(JoinMode.ErrorAndOutput, "/home/alice/run/hello.e42", "/home/alice/run/hello.e42")]
    [InlineData(JoinMode.None, "/home/alice/run/hello.o42", "/home/alice/run/hello.e42")]
    public void For_Join_SendsBothStreamsToOneFile(JoinMode join, string output, string error)
    {
        var (o, e) = OutputPaths.For(ExecutionJobs.Make(42, ExecutionJobs.Spec() with { Join = join }), 0);

        Assert.Equal(output, o);
        Assert.Equal(error, e);
    }

    [Fact]
    public void For_RelativePath_IsTakenFromSubmitDirectory()
    {
        var spec = ExecutionJobs.Spec() with { OutputPath = "logs/out.txt", ErrorPath = "/abs/err.txt" };

        var (o, e) = OutputPaths.For(ExecutionJobs.Make(42, spec), 0);

        Assert.Equal("/home/alice/run/logs/out.txt", o);
        Assert.Equal("/abs/err.txt", e);
    }

    [Fact]
    public void For_DirectoryPath_GetsDefaultNameInside()
    {
        var spec = ExecutionJobs.Spec() with { OutputPath = "/scratch/logs/" };

        var (o, _) = OutputPaths.For(ExecutionJobs.Make(42, spec), 0);

        Assert.Equal("/scratch/logs/hello.o42", o);
    }

    [Fact]
    public void For_ArrayIndexToken_IsReplacedByTheElementIndex()
    {
        var spec = ExecutionJobs.Spec() with { Array = new ArraySpec([5, 6]), OutputPath = "out.^array_index^.txt" };

        var (o, _) = OutputPaths.For(ExecutionJobs.Make(9, spec), 6);

        Assert.Equal("/home/alice/run/out.6.txt", o);
    }
}
