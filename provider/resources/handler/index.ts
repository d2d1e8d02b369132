export {
  checkHandlerInputs,
  handlerCrossFieldFailures,
  HANDLER_ARGUMENTS,
  MENU_ONLY_ARGUMENTS,
  ICON_PATTERN,
  iconSchema,
  botIdSchema,
  scriptSchema,
  subActionSchema,
  type HandlerInputs,
  type SubActionInput,
} from "./inputs";
export {
  handlerResourceId,
  parseHandlerResourceId,
  toCreateRequest as toHandlerCreateRequest,
  toUpdateRequest as toHandlerUpdateRequest,
  argumentsFromApi as handlerArgumentsFromApi,
  outputsAfterRead as handlerOutputsAfterRead,
  outputsAfterWrite as handlerOutputsAfterWrite,
  type HandlerAddress,
  type HandlerOutputs,
} from "./mapping";
export * from "./diff";
export * from "./provider";
