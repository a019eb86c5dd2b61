using Loopwire.Generators.Helpers;

namespace Loopwire.Generators.Models;

/// <summary>Everything needed to generate the <c>Attach</c> method of one class with loop callbacks; equatable, holds no symbols or syntax.</summary>
/// <param name="Hierarchy">Where the class sits.</param>
/// <param name="TypeParameters">The type parameters of the class and of the types containing it, outermost first, for the generic extension method.</param>
/// <param name="Emitters">The emitters its <c>[OnEvent&lt;T&gt;]</c> handlers listen to: one <c>Attach</c> parameter each, in order of first use.</param>
/// <param name="Callbacks">Its interval, phase and signal callbacks, in declaration order.</param>
/// <param name="Subscriptions">Its event handlers, in declaration order.</param>
internal sealed record AttachModel(
    HierarchyInfo Hierarchy,
    EquatableArray<TypeParameterModel> TypeParameters,
    EquatableArray<EmitterParameterModel> Emitters,
    EquatableArray<LoopCallbackModel> Callbacks,
    EquatableArray<SubscriptionModel> Subscriptions);
