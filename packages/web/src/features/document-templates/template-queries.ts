import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DocumentLocale, DocumentLogoInfo, DocumentLogoUpload, DocumentTemplateSave, DocumentTemplateView, DocumentType } from '@konform/core';
import { api } from '../../api/client';

export const templateKeys = {
  all: ['document-templates'] as const,
  one: (type: DocumentType, locale: DocumentLocale) => ['document-templates', type, locale] as const,
};

const path = (type: DocumentType, locale: DocumentLocale) => `/document-templates/${type}/${locale}`;

export function useDocumentTemplate(type: DocumentType, locale: DocumentLocale) {
  return useQuery({ queryKey: templateKeys.one(type, locale), queryFn: () => api.get<DocumentTemplateView>(path(type, locale)) });
}

function useTemplateMutation<I, O>(send: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => queryClient.invalidateQueries({ queryKey: templateKeys.all }) });
}

export const useSaveTemplate = (type: DocumentType, locale: DocumentLocale) => useTemplateMutation((input: DocumentTemplateSave) => api.put<DocumentTemplateView>(path(type, locale), input));
export const useResetTemplate = (type: DocumentType, locale: DocumentLocale) => useTemplateMutation(() => api.delete<DocumentTemplateView>(path(type, locale)));
export const useUploadLogo = () => useTemplateMutation((input: DocumentLogoUpload) => api.put<DocumentLogoInfo>('/document-templates/logo', input));
export const useRemoveLogo = () => useTemplateMutation(() => api.delete('/document-templates/logo'));

/** The logo's address; the hash in the query makes the browser fetch a replaced logo anew. */
export const logoUrl = (sha256: string) => `/api/document-templates/logo?v=${sha256.slice(0, 16)}`;
