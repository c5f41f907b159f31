// form_dialog.js — what every form dialog does when its primary button is
// clicked: clear the last refusal, let the form's rules stop what they
// catch (nothing is sent then), send with the button spinning, and keep a
// refusal in the server's own Chinese words in the dialog, which stays open
// so that the clerk can correct and try again. What is sent, and what the
// dialog tells its page on success, stay in the dialog.
//
//   const { formRef, busy, error, close, submit } = useFormDialog(emit)
//   <el-form ref="formRef" …>   <el-alert v-if="error" :title="error" …>
//   <el-button :loading="busy" @click="save">
//   const save = () => submit(async () => {
//     const r = await api.post(…)
//     close()
//     emit('saved', r)
//   })
import { ref } from 'vue'

// emit: the dialog's own (defineEmits with 'update:modelValue'). Returns
//   formRef  the <el-form>'s ref;
//   busy     true while send runs (the primary button's :loading);
//   error    the message of what send threw ('' when none);
//   close()  closes the dialog (update:modelValue false);
//   submit(send, { validate = true }) clears error; unless validate is
//            false, validates the form and stops if it does not pass; then
//            awaits send() with busy set. Resolves true when send finished,
//            false when the form stopped it or it threw (error says why).
export function useFormDialog(emit) {
  const formRef = ref()
  const busy = ref(false)
  const error = ref('')

  const close = () => emit('update:modelValue', false)

  async function submit(send, { validate = true } = {}) {
    error.value = ''
    if (validate) {
      const ok = await formRef.value.validate().catch(() => false)
      if (!ok) return false
    }
    busy.value = true
    try {
      await send()
      return true
    } catch (e) {
      error.value = e.message
      return false
    } finally {
      busy.value = false
    }
  }

  return { formRef, busy, error, close, submit }
}
