namespace OpenMosixBatch.Node.Execution;

/// <summary>A part's stdout and stderr FIFOs while it is being started: closed on the way out unless the running part took them.</summary>
internal sealed class PartPipes : IDisposable
{
    private (PartOutputPipe Output, PartOutputPipe Error)? _pipes;

    private PartPipes(PartOutputPipe output, PartOutputPipe error) => _pipes = (output, error);

    /// <summary>Makes and opens the FIFOs at <paramref name="output"/> and <paramref name="error"/> (see <see cref="PartOutputPipe.Create"/>).</summary>
    public static PartPipes Create(string output, string error, (uint Uid, uint Gid)? owner)
    {
        var stdout = PartOutputPipe.Create(output, owner);
        try
        {
            return new PartPipes(stdout, PartOutputPipe.Create(error, owner));
        }
        catch
        {
            stdout.Dispose();
            throw;
        }
    }

    /// <summary>Hands both over to the running part, which closes them when it ends.</summary>
    public (PartOutputPipe Output, PartOutputPipe Error) Take()
    {
        var pipes = _pipes ?? throw new InvalidOperationException("the pipes were taken already");
        _pipes = null;
        return pipes;
    }

    public void Dispose()
    {
        _pipes?.Output.Dispose();
        _pipes?.Error.Dispose();
        _pipes = null;
    }
}
