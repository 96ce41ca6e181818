namespace Samenreken.Cryptography.Math;

/// <summary>
/// The disposed state of an object that owns secret numbers (a private key): every operation asks
/// <see cref="ThrowIfDisposed"/> first, and <see cref="TryEnd"/> lets exactly one Dispose erase the secrets.
/// </summary>
internal struct SecretLifetime
{
    private int _ended;

    public readonly bool IsEnded => Volatile.Read(in _ended) != 0;

    /// <summary>Throws <see cref="ObjectDisposedException"/> once the owner's secrets are erased.</summary>
    public readonly void ThrowIfDisposed(object owner) => ObjectDisposedException.ThrowIf(IsEnded, owner);

    /// <summary>True for the first caller only (thread-safe), who then erases the secrets.</summary>
    public bool TryEnd() => Interlocked.Exchange(ref _ended, 1) == 0;

    /// <summary>Zeroes and frees each secret number (nulls skipped: a lazily computed value may never have been made).</summary>
    public static void Erase(params ReadOnlySpan<BigNumber?> secrets)
    {
        foreach (var secret in secrets)
        {
            secret?.Erase();
        }
    }
}
