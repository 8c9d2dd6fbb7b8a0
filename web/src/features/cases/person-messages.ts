/** The person form's own words, and the API's messages about a person's fields in Spanish. */
import { defineMessages } from '../../i18n/i18n';

export const personMessages = defineMessages({
  en: {
    edit: 'Edit',
    editLabel: 'Edit {name}',
    editTitle: 'Change {name}',
    cancel: 'Cancel',
    fixFields: 'Some fields need a change: see the messages below them.',
    conflict:
      'Someone else saved this person after you opened the case, so nothing was saved. Reload the case to see their changes, then make yours again.',
  },
  es: {
    edit: 'Editar',
    editLabel: 'Editar a {name}',
    editTitle: 'Cambiar a {name}',
    cancel: 'Cancelar',
    fixFields: 'Hay campos por corregir: vea los mensajes debajo de ellos.',
    conflict:
      'Otra persona guardó a esta persona después de que usted abrió el caso, así que no se guardó nada. Vuelva a cargar el caso para ver sus cambios y luego haga los suyos de nuevo.',
  },
});

const SPANISH: Record<string, string> = {
  'A date of birth cannot be in the future': 'La fecha de nacimiento no puede ser futura',
  'This is not a real date': 'Esta fecha no existe',
  'The age does not match the date of birth': 'La edad no coincide con la fecha de nacimiento',
  'Marked as a minor, but the age says otherwise': 'Marcada como menor, pero la edad dice otra cosa',
  'Age cannot be negative': 'La edad no puede ser negativa',
  'Not a phone number': 'No es un número de teléfono',
  'Not an email address': 'No es un correo electrónico',
  'Give a name, an alias or identifying details': 'Indique un nombre, un alias o rasgos de identificación',
  'A person cannot be both a trafficker and a minor victim of the same case':
    'Una persona no puede ser a la vez tratante y víctima menor de edad en el mismo caso',
};

/** The API's message for a field, in Spanish when the console is and a translation is known. */
export function sayFieldError(message: string | undefined, lang: string): string | undefined {
  if (!message || lang !== 'es') return message;
  return SPANISH[message] ?? message;
}
