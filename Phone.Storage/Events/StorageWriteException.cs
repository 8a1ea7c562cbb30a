namespace Phone.Storage.Events;

/// <summary>
/// The storage writer's transaction failed: nothing in its batch was stored, so a change
/// waiting for it must not be acknowledged.
/// </summary>
public sealed class StorageWriteException : Exception
{
    public StorageWriteException()
    {
    }

    public StorageWriteException(string message) : base(message)
    {
    }

    public StorageWriteException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
