using CsCheck;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Core.Tests.Execution;

/// <summary>What a launch printed becomes a reason of one short printable line, whatever the user made it print.</summary>
public sealed class StartFailureTests
{
    [Fact]
    public void Reason_NothingPrinted_IsNull()
    {
        Assert.Null(StartFailure.Reason(""));
        Assert.Null(StartFailure.Reason(" \n\t\n"));
    }

    [Fact]
    public void Reason_LoaderTraceThenTheError_IsTheErrorAlone()
    {
        var trace = string.Concat(Enumerable.Repeat("     12345:\tbinding file /bin/sh [0] to /lib/libc.so.6 [0]: normal symbol `free'\n", 500));

        Assert.Equal("sh: 1: cd: can't cd to /nowhere", StartFailure.Reason(trace + "sh: 1: cd: can't cd to /nowhere\n"));
    }

    [Fact]
    public void Reason_LoaderTraceAlone_IsNoFailure()
    {
        Assert.Null(StartFailure.Reason("     12345:\tfile=libc.so.6 [0];  needed by /bin/sh [0]\n     12345:\t\n     12345:\ttransferring control: /bin/sh\n"));
    }

    [Fact]
    public void Reason_ForgedLogLineAndEscapes_StayOnOneLineWithoutControlCharacters()
    {
        var reason = StartFailure.Reason("sh: 1: cannot create /x\r[info] job 1 deleted\u001b[2J\u2028fake\n");

        Assert.Equal("sh: 1: cannot create /x?[info] job 1 deleted?[2J?fake", reason);
    }

    [Fact]
    public void Reason_AnyText_IsOneBoundedLineOfPrintableCharacters()
    {
        Gen.String.Sample(text =>
        {
            var reason = StartFailure.Reason(text);

            Assert.True(reason is null || (reason.Length <= StartFailure.MaxLength + 1 && !reason.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029')), reason);
        });
    }
}
