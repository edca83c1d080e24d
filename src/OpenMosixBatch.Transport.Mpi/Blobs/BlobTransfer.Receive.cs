namespace OpenMosixBatch.Transport.Mpi.Blobs;

// The receiving half: one IncomingBlob (its file and the stage writing it) per transfer in progress, keyed by sender and
// transfer id. Frames arrive on the inbox reader's thread; the verdict is reached once the writes are through.
public sealed partial class BlobTransfer
{
    private readonly Dictionary<(int Source, long Id), IncomingBlob> _incoming = [];

    /// <summary>Transfers being received now (for tests and diagnostics).</summary>
    public int IncomingCount
    {
        get
        {
            lock (_incoming)
            {
                return _incoming.Count;
            }
        }
    }

    /// <summary>Takes a frame for a transfer this rank receives; calls <paramref name="release"/> once done with its bytes.</summary>
    private void Receive(int source, BlobFrame frame, Action release)
    {
        _stayHot(HotPeriod);
        var key = (source, frame.TransferId);
        if (frame.Kind == BlobFrameKind.Begin)
        {
            release();
            Begin(source, new BlobOffer(source, frame.TransferId, frame.BodyText, frame.Value));
            return;
        }

        IncomingBlob? blob;
        lock (_incoming)
        {
            if (!_incoming.TryGetValue(key, out blob))
            {
                // A frame of a transfer that ended (or never began here).
                release();
                return;
            }

            if (frame.Kind == BlobFrameKind.Data && blob.Follows(frame.Value, frame.Body.Length))
            {
                // Queued under the lock, so a stage's failure (which removes the transfer under it) never meets a late chunk.
                var end = frame.Value + frame.Body.Length;
                blob.Add(frame.Body, () =>
                {
                    release();
                    TrySend(source, BlobFrame.Encode(BlobFrameKind.Ack, frame.TransferId, end, ReadOnlySpan<byte>.Empty));
                });
                return;
            }

            // End, Abort, or a chunk out of place: the transfer ends here, and no later frame may reach it.
            _incoming.Remove(key);
        }

        switch (frame.Kind)
        {
            case BlobFrameKind.End:
                var expected = frame.Body.ToArray();
                release();
                _ = FinishAsync(blob, expected);
                break;
            case BlobFrameKind.Data:
                var reason = frame.Value == blob.Accepted
                    ? $"chunk at offset {frame.Value} of {frame.Body.Length} bytes runs past the offered {blob.Offer.Length} bytes"
                    : $"chunk at offset {frame.Value} of {frame.Body.Length} bytes does not follow byte {blob.Accepted} of {blob.Offer.Length}";
                release();
                blob.Abandon();
                TrySend(source, BlobFrame.Encode(BlobFrameKind.Refuse, frame.TransferId, 0, reason));
                _ = FinishAsync(blob, expected: null);
                break;
            default:
                release();
                blob.Abandon();
                _ = FinishAsync(blob, expected: null);
                break;
        }
    }

    private void Begin(int source, BlobOffer offer)
    {
        var key = (source, offer.TransferId);
        lock (_incoming)
        {
            if (_incoming.ContainsKey(key))
            {
                // Ids are never reused by a sender: a second Begin is a damaged frame, and the transfer under way keeps its file.
                TrySend(source, BlobFrame.Encode(BlobFrameKind.Refuse, offer.TransferId, 0, $"transfer {offer.TransferId} from rank {source} has already begun"));
                return;
            }
        }

        string? path = null;
        try
        {
            path = _pathFor(offer);
            var blob = new IncomingBlob(offer, path, e => Fail(key, e));
            lock (_incoming)
            {
                _incoming.Add(key, blob);
            }

            // Only now: a reservation failing at once must find the transfer to refuse it.
            blob.Start();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Nothing to write into (a full disk, a bad spool): refused before any byte arrives.
            TrySend(source, BlobFrame.Encode(BlobFrameKind.Refuse, offer.TransferId, 0, $"receiver cannot write the blob: {e.Message}"));
            if (path is not null)
            {
                DeleteIfThere(path);
            }

            _received.Writer.TryWrite(new ReceivedBlob(source, offer.Key, path ?? string.Empty, 0, string.Empty, Complete: false));
        }
    }

    /// <summary>Writing failed (on the stage's thread): refuse the rest and delete what was written.</summary>
    private void Fail((int Source, long Id) key, Exception exception)
    {
        IncomingBlob? blob;
        lock (_incoming)
        {
            if (!_incoming.Remove(key, out blob))
            {
                // Already ending (End or Abort came first): FinishAsync sees the failure.
                return;
            }
        }

        blob.Abandon();
        TrySend(key.Source, BlobFrame.Encode(BlobFrameKind.Refuse, key.Id, 0, $"receiver could not store the blob: {exception.Message}"));
        _ = FinishAsync(blob, expected: null);
    }

    /// <summary>
    /// Waits for the writes, keeps the file only when every offered byte is in it, publishes the outcome with the hash
    /// the sender sent (<paramref name="expected"/>, unchecked: the file's user checks it), and answers the sender's End
    /// (null: the transfer was abandoned, nothing to answer).
    /// </summary>
    private async Task FinishAsync(IncomingBlob blob, byte[]? expected)
    {
        await blob.CompleteAsync().ConfigureAwait(false);
        var complete = expected is { Length: BlobFrame.HashLength } && blob.Intact && blob.Accepted == blob.Offer.Length;
        if (!complete)
        {
            DeleteIfThere(blob.Path);
        }

        // Published before the verdict is sent, so a sender that sees its verdict finds the blob already announced here.
        _received.Writer.TryWrite(new ReceivedBlob(blob.Offer.Source, blob.Offer.Key, blob.Path, blob.Accepted, complete ? Convert.ToHexStringLower(expected!) : string.Empty, complete));
        if (expected is not null)
        {
            TrySend(blob.Offer.Source, BlobFrame.Encode(BlobFrameKind.Done, blob.Offer.TransferId, complete ? 1 : 0, ReadOnlySpan<byte>.Empty));
        }
    }

    private static void DeleteIfThere(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Its directory is gone (the spool was removed, or never existed): so is the file.
        }
    }
}
