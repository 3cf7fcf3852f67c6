namespace Volunteer96345.Common.Events;

/// <summary>
/// Reacts to something another module did, inside that module's unit of work: the raiser's transaction is still open, so
/// what the handler writes commits or rolls back with it. The raising module does not know who listens; the listening
/// module knows the event (docs/architecture.md, the module map).
/// </summary>
internal interface IHandle<in TEvent>
{
    Task Handle(TEvent e, CancellationToken cancellationToken);
}

/// <summary>Hands an event to every registered <see cref="IHandle{TEvent}"/> of the current scope, one after another.</summary>
internal sealed class DomainEvents(IServiceProvider services)
{
    public async Task Raise<TEvent>(TEvent e, CancellationToken cancellationToken)
    {
        foreach (var handler in services.GetServices<IHandle<TEvent>>())
        {
            await handler.Handle(e, cancellationToken);
        }
    }
}
