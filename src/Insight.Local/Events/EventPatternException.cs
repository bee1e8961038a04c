namespace Insight.Local.Events;

/// <summary>
/// An event pattern EventBridge would refuse. The message names the JSON path of the bad part and why,
/// e.g. <c>detail.price: "numeric" needs an operator and a number</c>.
/// </summary>
public sealed class EventPatternException : Exception
{
    /// <summary>Creates the exception with a message that names the bad part of the pattern.</summary>
    public EventPatternException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public EventPatternException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public EventPatternException()
        : base("The event pattern is not valid.")
    {
    }
}
