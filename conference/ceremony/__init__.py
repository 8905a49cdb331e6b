"""The honouring ceremony (lễ biểu dương, tôn vinh): honouring batches, presenters, calling order, absences, the MC's script."""
