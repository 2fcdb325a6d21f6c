/**
 * Inputs from infrastructure code: SAM, CloudFormation (and `cdk synth`), Serverless Framework
 * templates -> the written scenario a user would type (design notes: "inputs from other tools enter
 * through their own readers beside scenario/"). Pure; files are read by src/io and src/cli.
 */
export type { FunctionIdentity, ImportedScenario } from './assemble.ts';
export { mergeOverStack, type StackFiles, stackExpander } from './expandStack.ts';
export {
  type Imported,
  type ImportOptions,
  importStack,
  stackNameOf,
  type TemplateText,
} from './importStack.ts';
export { locateInTemplates, templateOrigin } from './locate.ts';
export { writeImportedScenario } from './writeScenario.ts';
