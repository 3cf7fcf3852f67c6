using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Volunteer96345.Data;

/// <summary>
/// A module's hook into every save of the one DbContext, registered by the module as a singleton: the DbContext tells it
/// of each save without knowing the module (the dispatch board hears of committed work orders, the dispatch ranking's
/// cache of a changed registry).
/// </summary>
internal interface ISaveObserver
{
    /// <summary>Called before each save with its changes detected; true to be told when the save has committed.</summary>
    bool BeforeSave(ChangeTracker changes);

    /// <summary>The save that asked for it committed in its own transaction (not called for a save inside a caller's transaction).</summary>
    void Committed();
}
