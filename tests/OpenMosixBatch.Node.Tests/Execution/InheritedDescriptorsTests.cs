using System.IO.Pipes;
using OpenMosixBatch.Node.Execution;

namespace OpenMosixBatch.Node.Tests.Execution;

public sealed class InheritedDescriptorsTests
{
    // The pipe's client end is the one a child would inherit. O_CLOEXEC in the octal "flags:" line of /proc/self/fdinfo/FD.
    private const int CloseOnExecFlag = 0x80000;

    [Fact]
    public void CloseOnExecAll_MarksADescriptorOpenedInheritable()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.Inheritable);
        var fd = (int)pipe.ClientSafePipeHandle.DangerousGetHandle();
        Assert.False(IsCloseOnExec(fd));

        InheritedDescriptors.CloseOnExecAll();

        Assert.True(IsCloseOnExec(fd));
    }

    [Fact]
    public void CloseOnExecListed_TheFallbackWithoutCloseRange_MarksADescriptorOpenedInheritable()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.Inheritable);
        var fd = (int)pipe.ClientSafePipeHandle.DangerousGetHandle();
        Assert.False(IsCloseOnExec(fd));

        InheritedDescriptors.CloseOnExecListed();

        Assert.True(IsCloseOnExec(fd));
    }

    [Fact]
    public void CloseOnExecAll_LeavesTheStandardStreamsAsTheyWere()
    {
        var streams = Enumerable.Range(0, 3).Where(fd => File.Exists($"/proc/self/fdinfo/{fd}")).ToList();
        var before = streams.Select(IsCloseOnExec).ToList();

        InheritedDescriptors.CloseOnExecAll();

        Assert.Equal(before, streams.Select(IsCloseOnExec).ToList());
    }

    private static bool IsCloseOnExec(int fd)
    {
        var flags = File.ReadAllLines($"/proc/self/fdinfo/{fd}").Single(l => l.StartsWith("flags:", StringComparison.Ordinal));
        return (Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & CloseOnExecFlag) != 0;
    }
}
