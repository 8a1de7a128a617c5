import { createContext, useContext } from 'react';
import type { ImportApi } from '../../engine/use-import';

/** Imports outlive the Import screen: a drop on any screen starts one, and progress survives navigation. */
export const ImportContext = createContext<ImportApi | null>(null);

export function useImportApi(): ImportApi {
  const api = useContext(ImportContext);
  if (!api) throw new Error('useImportApi() needs the workspace shell above it.');
  return api;
}
