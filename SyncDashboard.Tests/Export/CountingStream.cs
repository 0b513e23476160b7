namespace SyncDashboard.Tests.Export;

/// <summary>
/// A write-only stream that keeps nothing: it counts the bytes and line feeds written to it and, every
/// <paramref name="sampleEveryBytes"/> bytes, calls <paramref name="sample"/> (to measure memory while an export writes).
/// </summary>
internal sealed class CountingStream(long sampleEveryBytes, Action sample) : Stream
{
    private long _sinceSample;

    public long Bytes { get; private set; }
    public long LineFeeds { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => Bytes;
    public override long Position { get => Bytes; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Bytes += buffer.Length;
        LineFeeds += buffer.Count((byte)'\n');
        _sinceSample += buffer.Length;
        if (_sinceSample >= sampleEveryBytes)
        {
            _sinceSample = 0;
            sample();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
