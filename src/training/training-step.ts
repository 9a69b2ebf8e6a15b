/**
 * One training step of any network, as the official trainers run it: the generator's forward pass,
 * the discriminator's update (zero its gradients, backward its loss, Adam step), then the
 * generator's update, whose loss sees the just-updated discriminator.
 */
import type { Tensor } from '../torch/index.js';
import type { StepLosses, TrainedNetwork, TrainingBatch, TrainingSession } from './network-training.js';

/** Discriminator update, then generator update; the loss terms' values. Run it inside a tidy scope. */
export function trainingStep(session: TrainingSession, batch: TrainingBatch): Record<string, number> {
  const prediction = session.predict(batch);
  const values: Record<string, number> = {};
  const update = (network: TrainedNetwork, losses: () => StepLosses): void => {
    network.optimizer.zeroGrad();
    const { total, terms } = losses();
    total.backward();
    network.optimizer.step();
    for (const [name, value] of Object.entries(terms) as [string, Tensor][]) values[name] = value.item() as number;
  };
  const { discriminator, discriminatorStep } = session;
  if (discriminator && discriminatorStep) update(discriminator, () => discriminatorStep.call(session, batch, prediction));
  update(session.generator, () => session.generatorStep(batch, prediction));
  return values;
}
